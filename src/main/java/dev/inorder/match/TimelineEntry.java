package dev.inorder.match;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A discrete event of a match, with the offset it was applied at and the data it carried. */
public record TimelineEntry(String matchKey, long offset, String event, long appliedAtMillis, ObjectNode data) {
}
