package dev.inorder.query;

import java.util.List;

/**
 * One page of a list. Pass {@code nextCursor} back as {@code cursor} for the next page; it is {@code null} on the last.
 */
public record Page<T>(List<T> items, String nextCursor) {
}
