package dev.ofg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureMatcherTest {

  private static final byte[] A = {1, 2, 3};
  private static final byte[] B = {4, 5, 6};

  @Test
  void matchesWhenAnyPairIsEqual() {
    assertThat(SignatureMatcher.anyMatch(List.of(A, B), List.of(new byte[] {9}, B.clone()))).isTrue();
  }

  @Test
  void rejectsPrefixesLongerValuesAndEmptyLists() {
    assertThat(SignatureMatcher.anyMatch(List.of(A), List.of(new byte[] {1, 2}, new byte[] {1, 2, 3, 4}))).isFalse();
    assertThat(SignatureMatcher.anyMatch(List.of(A), List.of())).isFalse();
    assertThat(SignatureMatcher.anyMatch(List.of(), List.of(A))).isFalse();
  }
}
