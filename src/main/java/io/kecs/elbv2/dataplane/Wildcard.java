package io.kecs.elbv2.dataplane;

/**
 * ELBv2's condition wildcards: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one. Host names, headers and query strings compare case-insensitively; paths do not.
 */
final class Wildcard {
  private Wildcard() {}

  static boolean matches(String pattern, String text, boolean ignoreCase) {
    if (text == null) {
      return false;
    }
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    // Greedy with back-tracking to the last star: linear for the patterns ELBv2 allows.
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
