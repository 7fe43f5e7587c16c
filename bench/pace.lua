-- Shared by the bench's wrk scripts: with RATE set (requests per second over all CONNS connections), requests are
-- sent on a fixed schedule of RATE slots a second, each taken by the next free connection (delay() waits for it).
-- The schedule is kept (an open model, as a game that goes on sending while the server pauses): a slot for which no
-- connection was free - all of them waiting through a collection pause, say - is sent late, as soon as one is, and the
-- schedule catches up with a burst, by at most CATCH_UP_MS of slots (default 1000: a server that stays behind is
-- offered less, and "sent" shows it). CATCH_UP_MS=0 gives the schedule used before 2026-11-26 21:00, which skipped
-- such slots and so offered 0.3 - 0.6 % less than RATE across full collections. Without RATE, every connection sends as
-- fast as answers come back (a flood). The schedule uses the monotonic clock through LuaJIT's ffi: a fixed delay
-- after each answer would offer less than RATE by the answers' own time.
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
    local catchUp = tonumber(os.getenv("CATCH_UP_MS") or "1000")
    local nextSlot = 0
    function delay()
        local t = millis()
        if nextSlot == 0 then nextSlot = t - step end -- the schedule starts now, not with a backlog
        nextSlot = math.max(nextSlot + step, t - catchUp)
        return math.max(0, math.floor(nextSlot - t + 0.5))
    end
end
