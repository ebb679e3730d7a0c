package io.vmclone.operator.spec;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values of {@code spec.newMacAddresses}: an empty value asks KubeVirt (or kube-mac-pool) for a
 * new address; any other value must be a unicast EUI-48 address written as six hexadecimal octets
 * separated all by {@code :} or all by {@code -} ({@code 02:00:00:00:00:01}).
 */
public final class MacAddresses {

  private static final Pattern COLONS = Pattern.compile("^\\p{XDigit}{2}(:\\p{XDigit}{2}){5}$");
  private static final Pattern DASHES = Pattern.compile("^\\p{XDigit}{2}(-\\p{XDigit}{2}){5}$");

  private MacAddresses() {}

  /**
   * Why a value is not usable as a target interface's MAC address, or empty if it is (an empty or
   * null value is: it asks for a generated address).
   */
  public static Optional<String> problem(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (!COLONS.matcher(value).matches() && !DASHES.matcher(value).matches()) {
      return Optional.of(
          quote(value)
              + " is not a MAC address: expected six hexadecimal octets separated by ':' or '-',"
              + " e.g. 02:00:00:00:00:01");
    }
    int firstOctet = HexFormat.fromHexDigits(value, 0, 2);
    if ((firstOctet & 1) == 1) {
      return Optional.of(
          quote(value)
              + " is a multicast address (lowest bit of the first octet set); an interface needs"
              + " a unicast address");
    }
    if (value.replaceAll("[-:0]", "").isEmpty()) {
      return Optional.of(quote(value) + " is the all-zero address, which no interface can use");
    }
    return Optional.empty();
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
