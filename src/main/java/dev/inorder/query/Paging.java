package dev.inorder.query;

import dev.inorder.web.ApiException;

/** Checks {@code limit} and {@code cursor} query parameters, taken as text so that any malformed value is a clean 400. */
public final class Paging {

    public static final int MAX_LIMIT = 200;

    private Paging() {
    }

    /** A whole number from 1 to {@value #MAX_LIMIT}; {@code null} or empty means {@code fallback}. */
    public static int limit(String limit, int fallback) {
        if (limit == null || limit.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    /** {@code order}: {@code asc} (or none) is applied order, {@code desc} newest first. */
    public static boolean newestFirst(String order) {
        if (order == null || order.isEmpty() || order.equals("asc")) {
            return false;
        }
        if (order.equals("desc")) {
            return true;
        }
        throw new ApiException(400, "invalid_order", "order must be asc or desc.");
    }

    /** A cursor is the {@code nextCursor} of a previous page; {@code null} starts at the beginning. */
    public static Long cursor(String cursor) {
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
