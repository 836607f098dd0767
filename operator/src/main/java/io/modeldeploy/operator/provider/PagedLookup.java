package io.modeldeploy.operator.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.function.Function;

/**
 * The lookup before a create, over a vendor list read page by page with a page number, a page size and a total.
 * Every page is read: a service missed on page 2 would be created a second time, and billed twice. A list that does
 * not end is an error, never "not found".
 */
public final class PagedLookup {
    /** The largest page the vendors document (Alaya NeW's maximum; d.run takes any size). */
    public static final int PAGE_SIZE = 100;
    /** 10,000 services under one name filter: a list that goes on is broken, not long. */
    static final int MAX_PAGES = 100;

    /** One list page, numbered from 1, of {@link #PAGE_SIZE} entries. */
    @FunctionalInterface
    public interface Pages {
        JsonNode read(int page) throws VendorException;
    }

    /** What the vendor's list page looks like: the field of its entries, and a JSON pointer to the total it reports. */
    public record Shape(String entries, String totalPointer) {
    }

    private PagedLookup() {
    }

    /**
     * What {@code match} finds on whichever page it is first found.
     *
     * @param list what is being read, for the message when the list does not end
     */
    public static <T> Optional<T> find(String list, String name, Shape shape, Pages pages,
                                       Function<JsonNode, Optional<T>> match) throws VendorException {
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode data = pages.read(page);
            Optional<T> found = match.apply(data);
            if (found.isPresent() || lastPage(data, shape, page, PAGE_SIZE)) {
                return found;
            }
        }
        throw VendorException.transientFailure(list + " did not end within " + MAX_PAGES + " pages of " + PAGE_SIZE
                + ": not creating " + name + " while it may exist", null);
    }

    /** Whether page {@code page} of {@code size} entries is the last: fewer entries than asked for, or the total reached. */
    public static boolean lastPage(JsonNode data, Shape shape, int page, int size) {
        JsonNode total = data.at(shape.totalPointer());
        return data.path(shape.entries()).size() < size
                || (!total.isMissingNode() && total.canConvertToLong() && (long) page * size >= total.asLong());
    }
}
