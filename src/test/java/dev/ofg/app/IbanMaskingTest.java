package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IbanMaskingTest {
  @Test
  void masksValidIbansKeepingCountryCheckDigitsAndTail() {
    assertThat(IbanMasking.mask("paid from NL91ABNA0417164300 today"))
        .isEqualTo("paid from NL91************00 today");
    assertThat(IbanMasking.mask("DE89 3704 0044 0532 0130 00")).doesNotContain("3704").startsWith("DE89");
  }

  @Test
  void leavesLookalikesThatFailTheChecksumAlone() {
    String text = "invoice NL00ABNA0417164300 and order AB12CDEF34567890";
    assertThat(IbanMasking.mask(text)).isEqualTo(text);
  }
}
