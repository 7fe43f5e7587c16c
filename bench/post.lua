-- POST /events with BATCH UpdateState events per request (1: a single object; more: a JSON array).
-- PLAYERS players per snapshot (unset: one small fixed event), spread over MATCHES matches (default 1), cycled
-- request by request.
-- With RATE set (requests per second over all CONNS connections), each connection paces itself with delay();
-- without it, every connection sends as fast as answers come back (a flood).
local batch = tonumber(os.getenv("BATCH") or "1")
local players = tonumber(os.getenv("PLAYERS") or "1")
local matches = tonumber(os.getenv("MATCHES") or "1")

local small = '{"Event":"UpdateState","Data":{"MatchGuid":"BENCH0001","Game":{"Arena":"Stadium_P","TimeSeconds":245,' ..
    '"bOvertime":false,"Teams":[{"Name":"Blue","TeamNum":0,"Score":1},{"Name":"Orange","TeamNum":1,"Score":2}]},' ..
    '"Players":[{"Name":"A","PrimaryId":"Steam|1|0","TeamNum":0,"Score":120,"Goals":1,"Shots":2,"Boost":33}]}}'

local function snapshot(match)
    if os.getenv("PLAYERS") == nil then return small end -- the small event of the ingest figures
    local lines = {}
    for p = 1, players do
        lines[p] = string.format('{"Name":"P%d","PrimaryId":"Steam|%d%02d|0","Shortcut":%d,"TeamNum":%d,"Score":%d,' ..
            '"Goals":1,"Shots":2,"Assists":0,"Saves":1,"Touches":12,"Demos":0,"Boost":33}',
            p, match, p, p, (p - 1) % 2, 100 + p)
    end
    return string.format('{"Event":"UpdateState","Data":{"MatchGuid":"BENCH%04d","Game":{"Arena":"Stadium_P",' ..
        '"TimeSeconds":245,"Teams":[{"Name":"Blue","TeamNum":0,"Score":1},{"Name":"Orange","TeamNum":1,"Score":2}]},' ..
        '"Players":[%s]}}', match, table.concat(lines, ","))
end

local bodies = {}
for m = 1, matches do
    if batch == 1 then
        bodies[m] = snapshot(m)
    else
        local events = {}
        for i = 1, batch do events[i] = snapshot(m) end
        bodies[m] = "[" .. table.concat(events, ",") .. "]"
    end
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Source-Id"] = "bench"

local n = 0
function request()
    n = n + 1
    return wrk.format(nil, nil, nil, bodies[n % matches + 1])
end

dofile("bench/pace.lua") -- RATE: paced; unset: a flood
