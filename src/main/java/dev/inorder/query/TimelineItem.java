package dev.inorder.query;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A discrete event of a match: its offset, name, when it was accepted, and the data it carried. */
public record TimelineItem(long offset, String event, Instant acceptedAt, JsonNode data) {
}
