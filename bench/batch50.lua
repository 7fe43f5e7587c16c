-- Batches of 50 small UpdateState events per request (a JSON array).
local one = '{"Event":"UpdateState","Data":{"MatchGuid":"BENCH0001","Game":{"Arena":"Stadium_P","TimeSeconds":245,"bOvertime":false,"Teams":[{"Name":"Blue","TeamNum":0,"Score":1},{"Name":"Orange","TeamNum":1,"Score":2}]},"Players":[{"Name":"A","PrimaryId":"Steam|1|0","TeamNum":0,"Score":120,"Goals":1,"Shots":2,"Boost":33}]}}'
local events = {}
for i = 1, 50 do events[i] = one end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Source-Id"] = "bench"
wrk.body = "[" .. table.concat(events, ",") .. "]"
