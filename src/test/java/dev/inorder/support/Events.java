package dev.inorder.support;

import java.util.List;
import java.util.stream.Collectors;

/** Event bodies as the Stats API and the plugin send them. */
public final class Events {

    private Events() {
    }

    /** A small UpdateState snapshot of one match, with a Seq. */
    public static String updateState(String matchGuid, long seq) {
        return """
                {"Event":"UpdateState","Seq":%d,"Data":{"MatchGuid":"%s","Game":{"Arena":"Stadium_P","TimeSeconds":%d,\
                "Teams":[{"Name":"Blue","TeamNum":0,"Score":0},{"Name":"Orange","TeamNum":1,"Score":0}]},\
                "Players":[{"Name":"Ada","PrimaryId":"Steam|1|0","TeamNum":0,"Score":10,"Goals":0,"Boost":50}]}}"""
                .formatted(seq, matchGuid, 300 - seq % 300);
    }

    public static String array(List<String> events) {
        return events.stream().collect(Collectors.joining(",", "[", "]"));
    }

    public static String ndjson(List<String> events) {
        return events.stream().collect(Collectors.joining("\n", "", "\n"));
    }
}
