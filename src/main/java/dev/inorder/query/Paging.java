package dev.inorder.query;

import dev.inorder.web.ApiException;

/** Checks {@code limit} and {@code cursor} query parameters. */
final class Paging {

    static final int MAX_LIMIT = 200;

    private Paging() {
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(400, "invalid_limit", "limit must be from 1 to " + MAX_LIMIT + ", was " + limit + ".");
        }
        return limit;
    }

    /** A cursor is the {@code nextCursor} of a previous page; {@code null} starts at the beginning. */
    static Long cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_cursor", "cursor must be a nextCursor from a previous page.");
        }
    }
}
