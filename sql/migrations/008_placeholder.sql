-- local placeholder (other branches own 008); not committed
SELECT 1;
