-- local placeholder (other branches own 009); not committed
SELECT 1;
