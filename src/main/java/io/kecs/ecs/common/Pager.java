package io.kecs.ecs.common;

import io.kecs.ecs.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pages over records kept in key order. The token names the last key returned (and the listing it
 * belongs to), so a page resumes strictly after it: no repeats and no skips, even while records are
 * added or removed between calls.
 */
public final class Pager {
  private final String listing;
  private final int defaultMax;
  private final int upperMax;

  /**
   * @param listing a name that ties tokens to one kind of listing (a token from another is refused)
   * @param defaultMax page size when the caller gives none
   * @param upperMax the largest {@code maxResults} ECS accepts for this listing
   */
  public Pager(String listing, int defaultMax, int upperMax) {
    this.listing = listing;
    this.defaultMax = defaultMax;
    this.upperMax = upperMax;
  }

  public <T, R> Page<R> page(
      NavigableMap<String, T> sorted,
      Predicate<? super T> filter,
      Function<? super T, R> map,
      Integer maxResults,
      String nextToken) {
    int limit = limit(maxResults);
    NavigableMap<String, T> rest =
        nextToken == null || nextToken.isEmpty() ? sorted : after(sorted, nextToken);
    List<R> items = new ArrayList<>(Math.min(limit, 128));
    String lastKey = null;
    for (Map.Entry<String, T> e : rest.entrySet()) {
      if (!filter.test(e.getValue())) {
        continue;
      }
      if (items.size() == limit) {
        return new Page<>(items, encode(lastKey));
      }
      items.add(map.apply(e.getValue()));
      lastKey = e.getKey();
    }
    return new Page<>(items, null);
  }

  /**
   * The records after a token's key. A token from another scope or filter names a key outside this
   * range (the view refuses it): that is an invalid token, not a server fault.
   */
  private <T> NavigableMap<String, T> after(NavigableMap<String, T> sorted, String nextToken) {
    try {
      return sorted.tailMap(decode(nextToken), false);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("Invalid nextToken: " + abbreviate(nextToken));
    }
  }

  /** The page size for {@code maxResults}, checked against the ECS bounds. */
  public int limit(Integer maxResults) {
    if (maxResults == null) {
      return defaultMax;
    }
    if (maxResults < 1 || maxResults > upperMax) {
      throw new InvalidParameterException(
          "maxResults must be between 1 and " + upperMax + ", but was " + maxResults + ".");
    }
    return maxResults;
  }

  public String encode(String lastKey) {
    String raw = "v1\n" + listing + "\n" + lastKey;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public String decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", 3);
      if (parts.length == 3 && parts[0].equals("v1") && parts[1].equals(listing)) {
        return parts[2];
      }
    } catch (IllegalArgumentException e) {
      // fall through to the ECS error
    }
    throw new InvalidParameterException("Invalid nextToken: " + abbreviate(token));
  }

  private static String abbreviate(String token) {
    return token.length() > 40 ? token.substring(0, 40) + "..." : token;
  }
}
