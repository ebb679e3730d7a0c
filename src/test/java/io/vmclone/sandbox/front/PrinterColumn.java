package io.vmclone.sandbox.front;

/**
 * One column of a resource's table, as a CRD's {@code additionalPrinterColumns} declares it.
 *
 * @param type string, integer, number, boolean or date
 * @param format the OpenAPI format hint (may be empty)
 * @param priority 0 for the default view, higher for {@code -o wide}
 */
record PrinterColumn(
    String name, String type, String format, String description, int priority, String jsonPath) {

  /** The column every table without declared columns gets, as the API server adds it. */
  static PrinterColumn age() {
    return new PrinterColumn(
        "Age",
        "date",
        "",
        "CreationTimestamp is a timestamp representing the server time when this object was"
            + " created.",
        0,
        ".metadata.creationTimestamp");
  }

  static PrinterColumn of(String name, String type, String jsonPath) {
    return new PrinterColumn(
        name,
        type,
        "",
        "Custom resource definition column (in JSONPath format): " + jsonPath,
        0,
        jsonPath);
  }
}
