package dev.ofg.sandbox;

/**
 * Builds the HTML error pages werkzeug's {@code HTTPException.get_body} produces (checked byte-exact
 * against werkzeug 3.1: {@code <!doctype html>\n<html lang=en>\n<title>...}), which Odoo returns
 * for unmatched routes, wrong content types and hidden internal errors.
 */
final class WerkzeugPages {
  static final String NOT_FOUND_DESCRIPTION = "The requested URL was not found on the server. If you entered"
      + " the URL manually please check your spelling and try again.";
  static final String INTERNAL_ERROR_DESCRIPTION = "The server encountered an internal error and was unable"
      + " to complete your request. Either the server is overloaded or there is an error in the application.";

  /** odoo/http.py NOT_FOUND_NODB, served when a request names no usable database. */
  static final String NOT_FOUND_NODB = "<!DOCTYPE html>\n"
      + "<title>404 Not Found</title>\n"
      + "<h1>Not Found</h1>\n"
      + "<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n"
      + "<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n"
      + "\n"
      + "<!-- Alternatively, use the X-Odoo-Database header. -->\n";

  private WerkzeugPages() {}

  static String page(int status, String description) {
    String name = escape(reasonPhrase(status));
    return "<!doctype html>\n<html lang=en>\n<title>" + status + " " + name + "</title>\n<h1>" + name
        + "</h1>\n<p>" + escape(description).replace("\n", "<br>") + "</p>\n";
  }

  static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Request Entity Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Entity";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  // markupsafe.escape, as used by werkzeug
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
