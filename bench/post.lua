-- POST /events with BATCH small UpdateState events per request (1: a single object; more: a JSON array).
-- With RATE set (requests per second over all CONNS connections), each connection paces itself with delay();
-- without it, every connection sends as fast as answers come back (a flood).
local batch = tonumber(os.getenv("BATCH") or "1")
local rate = tonumber(os.getenv("RATE") or "0")
local conns = tonumber(os.getenv("CONNS") or "64")

local one = '{"Event":"UpdateState","Data":{"MatchGuid":"BENCH0001","Game":{"Arena":"Stadium_P","TimeSeconds":245,' ..
    '"bOvertime":false,"Teams":[{"Name":"Blue","TeamNum":0,"Score":1},{"Name":"Orange","TeamNum":1,"Score":2}]},' ..
    '"Players":[{"Name":"A","PrimaryId":"Steam|1|0","TeamNum":0,"Score":120,"Goals":1,"Shots":2,"Boost":33}]}}'

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Source-Id"] = "bench"
if batch == 1 then
    wrk.body = one
else
    local events = {}
    for i = 1, batch do events[i] = one end
    wrk.body = "[" .. table.concat(events, ",") .. "]"
end

if rate > 0 then
    local gap = conns * 1000 / rate -- milliseconds between two requests of one connection
    function delay()
        local whole = math.floor(gap)
        if math.random() < gap - whole then whole = whole + 1 end
        return whole
    end
end
