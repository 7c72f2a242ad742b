package io.kecs.elbv2.dataplane;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A source-ip condition's CIDR block, IPv4 or IPv6. */
record Cidr(byte[] network, int bits) {
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    try {
      // Literals only (validated on CreateRule), so no name is ever looked up.
      byte[] address = InetAddress.getByName(text.substring(0, slash)).getAddress();
      return new Cidr(address, Integer.parseInt(text.substring(slash + 1)));
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full && i < a.length; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0 || full >= a.length) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }
}
