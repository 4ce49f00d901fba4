package dev.signet.verify;

import dev.signet.image.Digest;
import dev.signet.verify.SignatureOutcome.Result;
import java.util.List;

/** DESIGN §4 steps 6-7: turns per-signature outcomes into one verdict with one reason code. */
final class VerdictRules {
  private VerdictRules() {}

  /**
   * @param digest the digest verified
   * @param outcomes per-signature outcomes in listing order
   * @param validKeys distinct trusted keys with a valid signature, in the order they were found
   * @param threshold distinct keys required (at least 1)
   * @param firstError the first backend error met, or {@code null}
   * @return the verdict
   */
  static Verdict decide(Digest digest, List<SignatureOutcome> outcomes, List<String> validKeys, int threshold,
      String firstError) {
    List<SignatureOutcome> outs = List.copyOf(outcomes);
    if (validKeys.size() >= threshold) {
      return new Verdict.Verified(digest, outs, validKeys);
    }
    String progress = validKeys.size() + " of " + threshold + " required keys";
    if (firstError != null) {
      return new Verdict.Error(digest, outs, validKeys.isEmpty() ? firstError : firstError + " (" + progress + ")");
    }
    if (!validKeys.isEmpty()) {
      return notVerified(digest, outs, ReasonCode.ThresholdNotMet, progress);
    }
    SignatureOutcome first = first(outs, Result.MESSAGE_MISMATCH);
    if (first != null) {
      return notVerified(digest, outs, ReasonCode.MessageMismatch, mismatchText(first));
    }
    first = first(outs, Result.REVOKED);
    if (first != null) {
      return notVerified(digest, outs, ReasonCode.SignatureRevoked,
          "signature " + Texts.shorten(first.signatureId()) + " is revoked (" + first.detail() + ")" + more(outs, first));
    }
    first = first(outs, Result.INVALID);
    if (first != null) {
      return notVerified(digest, outs, ReasonCode.InvalidSignature,
          "Vault says signature " + Texts.shorten(first.signatureId()) + " is not valid" + more(outs, first));
    }
    if (!outs.isEmpty()) {
      return notVerified(digest, outs, ReasonCode.UntrustedKey, untrustedText(outs));
    }
    return notVerified(digest, outs, ReasonCode.NoSignature, "no signature for " + Texts.shorten(digest.toString()));
  }

  private static String mismatchText(SignatureOutcome o) {
    String detail = shortenWords(o.detail());
    String id = "signature " + Texts.shorten(o.signatureId());
    return detail.startsWith("message names ") ? id + detail.substring("message".length()) : id + ": " + detail;
  }

  private static String untrustedText(List<SignatureOutcome> outs) {
    String text = Texts.signatures(outs.size()) + ", none by a trusted key";
    SignatureOutcome near = outs.stream().filter(o -> !o.detail().equals(CandidateScreen.KEY_NOT_TRUSTED))
        .findFirst().orElse(null);
    return near == null ? text : text + ", key version and algorithm (signature "
        + Texts.shorten(near.signatureId()) + ": " + shortenWords(near.detail()) + ")";
  }

  private static String shortenWords(String text) {
    StringBuilder sb = new StringBuilder();
    for (String word : text.split(" ")) {
      sb.append(sb.length() == 0 ? "" : " ").append(Texts.shorten(word));
    }
    return sb.toString();
  }

  private static String more(List<SignatureOutcome> outs, SignatureOutcome first) {
    long n = outs.stream().filter(o -> o.result() == first.result()).count();
    return n > 1 ? " and " + (n - 1) + " more" : "";
  }

  private static SignatureOutcome first(List<SignatureOutcome> outs, Result result) {
    return outs.stream().filter(o -> o.result() == result).findFirst().orElse(null);
  }

  private static Verdict notVerified(Digest digest, List<SignatureOutcome> outs, ReasonCode code, String text) {
    return new Verdict.NotVerified(digest, outs, code, text);
  }
}
