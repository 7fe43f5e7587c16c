-- POST /events with NDJSON batches of BATCH (default 10) real-shaped 3v3 UpdateState snapshots of one match: six
-- players with every field the Stats API page lists, the whole Game object, and Data as a JSON *string*, as the game
-- sends it (~1.9 KB an event). MATCHES matches (default 200), each with its own sender (X-Source-Id), cycled request by
-- request; the clock, boost, speed and touches move from one snapshot to the next, goals now and then.
-- With RATE set (requests per second over all CONNS connections), each connection paces itself with delay().
local batch = tonumber(os.getenv("BATCH") or "10")
local matches = tonumber(os.getenv("MATCHES") or "200")
local variants = 8 -- distinct batches per match, cycled
-- Snapshots between two changes of what the store keeps (score, touches, the clock). The game sends 120 a second;
-- in a real match the clock moves once a second and the ball is touched about once a second, so a match's stored
-- line changes about every 60 snapshots; the default, 40, is more often than that (and the cycle of variants wraps
-- every 80, another change). Boost and speed move on every snapshot. CHANGE_EVERY=6 gives the churn of the first
-- version of this script (touches every 6 snapshots, car touches every 7, score every 20, the clock every 30).
local every = tonumber(os.getenv("CHANGE_EVERY") or "40")

local function idiv(a, b) return math.floor(a / b) end

local names = { "Ada", "Bea", "Cy", "Dot", "Eve", "Fox" }

local function escape(s) return (s:gsub('\\', '\\\\'):gsub('"', '\\"')) end

local function player(m, p, t)
    local team = idiv(p - 1, 3)
    local boost = (p * 37 + t * 13) % 101
    local demolished = (t + p) % 97 == 0
    local parts = {
        string.format('"Name":"%s %d","PrimaryId":"Steam|76561198%06d%d|0","Shortcut":%d,"TeamNum":%d', names[p], m, m, p, p, team),
        string.format('"Score":%d,"Goals":%d,"Shots":%d,"Assists":%d,"Saves":%d,"Touches":%d,"CarTouches":%d,"Demos":%d',
            100 + p * 10 + idiv(t, every < 40 and 20 or every), idiv(t, 200) + (p == 1 and 1 or 0), idiv(t, 90), idiv(t, 300), idiv(t, 150),
            idiv(t, every) + p, idiv(t, every < 40 and every + 1 or every) + p, idiv(t, 400)),
        '"bHasCar":true',
        string.format('"Speed":%d', (p * 211 + t * 47) % 2300),
        boost > 0 and string.format('"Boost":%d', boost) or nil,
        (t + p) % 3 == 0 and '"bBoosting":true' or nil,
        (t + p) % 4 ~= 0 and '"bOnGround":true' or nil,
        (t + p) % 11 == 0 and '"bOnWall":true' or nil,
        (t + p) % 13 == 0 and '"bPowersliding":true' or nil,
        demolished and '"bDemolished":true' or nil,
        (t + p) % 5 == 0 and '"bSupersonic":true' or nil,
        demolished and string.format('"Attacker":{"Name":"%s %d","Shortcut":%d,"TeamNum":%d}', names[(p + 2) % 6 + 1], m, (p + 2) % 6 + 1, 1 - team) or nil,
    }
    local fields = {}
    for i = 1, 13 do if parts[i] then fields[#fields + 1] = parts[i] end end
    return "{" .. table.concat(fields, ",") .. "}"
end

local function snapshot(m, t)
    local players = {}
    for p = 1, 6 do players[p] = player(m, p, t) end
    local blue, orange = idiv(t, 400) + 1, idiv(t, 500)
    local data = string.format('{"MatchGuid":"REAL%04d%s","Players":[%s],"Game":{"Teams":[' ..
        '{"Name":"Blue","TeamNum":0,"Score":%d,"ColorPrimary":"1873FF","ColorSecondary":"E5E5E5"},' ..
        '{"Name":"Orange","TeamNum":1,"Score":%d,"ColorPrimary":"C26418","ColorSecondary":"E5E5E5"}],' ..
        '"TimeSeconds":%d,"bOvertime":false,"Ball":{"Speed":%d,"TeamNum":%d},"bReplay":false,"bHasWinner":false,' ..
        '"Winner":"","Arena":"Stadium_P","bHasTarget":true,"Target":{"Name":"%s %d","Shortcut":%d,"TeamNum":%d}}}',
        m, "7F3C2A9E1B4D", table.concat(players, ","), blue, orange, 300 - (idiv(t, every < 40 and 30 or every)) % 300, (t * 173) % 3000, t % 2,
        names[t % 6 + 1], m, t % 6 + 1, idiv(t % 6, 3))
    return '{"Event":"UpdateState","Data":"' .. escape(data) .. '"}'
end

local bodies = {}
for m = 1, matches do
    bodies[m] = {}
    for v = 1, variants do
        local events = {}
        for i = 1, batch do events[i] = snapshot(m, (v - 1) * batch + i) end
        bodies[m][v] = table.concat(events, "\n") .. "\n"
    end
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-ndjson"

local n = 0
function request()
    n = n + 1
    local m = n % matches + 1
    local v = (idiv(n, matches)) % variants + 1
    return wrk.format(nil, nil, { ["X-Source-Id"] = string.format("pc-%04d", m),
        ["Content-Type"] = "application/x-ndjson" }, bodies[m][v])
end

dofile("bench/pace.lua") -- RATE: paced; unset: a flood
