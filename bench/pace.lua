-- Shared by the bench's wrk scripts: with RATE set (requests per second over all CONNS connections), each connection
-- paces itself with delay(); without it, every connection sends as fast as answers come back (a flood).
local rate = tonumber(os.getenv("RATE") or "0")
local conns = tonumber(os.getenv("CONNS") or "64")
if rate > 0 then
    local gap = conns * 1000 / rate -- milliseconds between two requests of one connection
    function delay()
        local whole = math.floor(gap)
        if math.random() < gap - whole then whole = whole + 1 end
        return whole
    end
end
