-- bench/common.lua: shared by the wrk scripts (loaded with dofile): request rotation over a list
-- of paths and one machine-readable result line per run, read by bench/run.sh.
--   BENCH_PATHS  file with one path per line (rotated per request, a different start per thread)
--   BENCH_COOKIE Cookie header for staff endpoints

local M = {}
M.paths = {}
M.i = 0

function M.load_paths()
	local f = os.getenv("BENCH_PATHS")
	if f == nil or f == "" then
		return
	end
	for line in io.lines(f) do
		if line ~= "" then
			M.paths[#M.paths + 1] = line
		end
	end
end

function M.headers()
	local h = {}
	local c = os.getenv("BENCH_COOKIE")
	if c ~= nil and c ~= "" then
		h["Cookie"] = c
	end
	return h
end

-- next path from the list (wrk.path when there is none)
function M.next_path()
	if #M.paths == 0 then
		return wrk.path
	end
	M.i = M.i + 1
	if M.i > #M.paths then
		M.i = 1
	end
	return M.paths[M.i]
end

function M.done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("BENCHRESULT requests=%d duration_us=%d rps=%.1f p50_us=%d "
		.. "p99_us=%d max_us=%d non2xx=%d sockerr=%d\n",
		summary.requests, summary.duration,
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(99), latency.max,
		e.status, e.connect + e.read + e.write + e.timeout))
end

return M
