-- One small UpdateState per request, as the plugin sends singles.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Source-Id"] = "bench"
wrk.body = '{"Event":"UpdateState","Data":{"MatchGuid":"BENCH0001","Game":{"Arena":"Stadium_P","TimeSeconds":245,"bOvertime":false,"Teams":[{"Name":"Blue","TeamNum":0,"Score":1},{"Name":"Orange","TeamNum":1,"Score":2}]},"Players":[{"Name":"A","PrimaryId":"Steam|1|0","TeamNum":0,"Score":120,"Goals":1,"Shots":2,"Boost":33}]}}'
