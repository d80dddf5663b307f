-- bench/get.lua: GET requests rotating over BENCH_PATHS (or wrk's URL), with BENCH_COOKIE.
local B = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local hdrs

function init(args)
	B.load_paths()
	-- each thread starts at a different place in the list
	B.i = math.random(0, math.max(#B.paths - 1, 0))
	hdrs = B.headers()
end

function request()
	return wrk.format("GET", B.next_path(), hdrs)
end

done = B.done
