-- local placeholder (other branches own 007); not committed
SELECT 1;
