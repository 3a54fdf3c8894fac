package io.reelgate.server;

import java.security.SecureRandom;
import java.util.UUID;

/** Mints identifiers: time-ordered, random, URL-safe. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  /** {@code prefix} + 10 characters of milliseconds + 16 random characters (Crockford base32). */
  public static String timeOrdered(String prefix, long epochMillis) {
    StringBuilder out = new StringBuilder(prefix.length() + 26).append(prefix);
    for (int shift = 45; shift >= 0; shift -= 5) {
      out.append(BASE32[(int) ((epochMillis >>> shift) & 31)]);
    }
    for (int i = 0; i < 16; i++) {
      out.append(BASE32[RANDOM.nextInt(32)]);
    }
    return out.toString();
  }

  /** A UUID version 7 (time-ordered) string. */
  public static String uuidV7(long epochMillis) {
    long msb = (epochMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** {@code length} random base62 characters, for secrets. */
  public static String secret(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE62[RANDOM.nextInt(BASE62.length)]);
    }
    return out.toString();
  }
}
