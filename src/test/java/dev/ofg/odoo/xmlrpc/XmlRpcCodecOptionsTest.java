package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.odoo.xmlrpc.XmlRpcCodecOptions.ResponseDialect;
import org.junit.jupiter.api.Test;

/** Validates codec options with messages that name the value and the expectation. */
class XmlRpcCodecOptionsTest {

  private static final ResponseDialect ODOO = ResponseDialect.ODOO;

  @Test
  void defaultsAnswerLikeOdooWithinSixteenMebibytes() {
    XmlRpcCodecOptions defaults = XmlRpcCodecOptions.defaults();

    assertThat(defaults.maxRequestBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(defaults.maxDepth()).isEqualTo(128);
    assertThat(defaults.maxElements()).isEqualTo(1_000_000);
    assertThat(defaults.maxTextChars()).isEqualTo(16 * 1024 * 1024);
    assertThat(defaults.responseDialect()).isEqualTo(ODOO);
    assertThat(defaults.withResponseDialect(ResponseDialect.WITH_EXTENSIONS).responseDialect())
        .isEqualTo(ResponseDialect.WITH_EXTENSIONS);
  }

  @Test
  void rejectsANonPositiveRequestSize() {
    assertThatThrownBy(() -> new XmlRpcCodecOptions(0, 10, 10, 10, ODOO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRequestBytes: 0 (expected: > 0)");
  }

  @Test
  void rejectsADepthOutsideTheSafeRange() {
    assertThatThrownBy(() -> new XmlRpcCodecOptions(10, 0, 10, 10, ODOO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxDepth: 0 (expected: 1..1000)");
    assertThatThrownBy(() -> new XmlRpcCodecOptions(10, 1001, 10, 10, ODOO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxDepth: 1001 (expected: 1..1000)");
  }

  @Test
  void rejectsANonPositiveElementCount() {
    assertThatThrownBy(() -> new XmlRpcCodecOptions(10, 10, -1, 10, ODOO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxElements: -1 (expected: > 0)");
  }

  @Test
  void rejectsANonPositiveTextLength() {
    assertThatThrownBy(() -> new XmlRpcCodecOptions(10, 10, 10, 0, ODOO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTextChars: 0 (expected: > 0)");
  }

  @Test
  void requiresADialect() {
    assertThatThrownBy(() -> new XmlRpcCodecOptions(10, 10, 10, 10, null))
        .isInstanceOf(NullPointerException.class).hasMessage("responseDialect");
  }

  @Test
  void faultCodesAreIntegersOrStrings() {
    assertThatThrownBy(() -> new XmlRpcFault(1.5, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("faultCode: java.lang.Double (expected: Integer or String)");
  }
}
