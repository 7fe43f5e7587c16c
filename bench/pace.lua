-- Shared by the bench's wrk scripts: with RATE set (requests per second over all CONNS connections), requests are
-- sent on a schedule of RATE slots a second, each taken by the next free connection (delay() waits for it; a
-- connection that comes late sends at once, and the schedule does not burst to catch up); without RATE, every
-- connection sends as fast as answers come back (a flood). The schedule uses the monotonic clock through LuaJIT's ffi:
-- a fixed delay after each answer would offer less than RATE by the answers' own time.
local rate = tonumber(os.getenv("RATE") or "0")
if rate > 0 then
    local ffi = require("ffi")
    ffi.cdef [[
        typedef struct { long tv_sec; long tv_nsec; } pace_timespec;
        int clock_gettime(int clock, pace_timespec *time);
    ]]
    local now = ffi.new("pace_timespec")
    local function millis()
        ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
        return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
    end
    local step = 1000 / rate -- milliseconds between two requests, over all connections of this thread
    local nextSlot = 0
    function delay()
        local t = millis()
        nextSlot = math.max(nextSlot + step, t)
        return math.floor(nextSlot - t + 0.5)
    end
end
