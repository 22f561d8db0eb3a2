package org.dsrpipeline.request;

/** A right and a channel in the DPO's words (English, as Tasklist and the DPO pages are). */
public final class RightNames {

  private RightNames() {
  }

  public static String of(RequestType type, ObjectionScope scope) {
    return switch (type) {
      case ACCESS -> "Access (Art. 15)";
      case RECTIFICATION -> "Rectification (Art. 16)";
      case ERASURE -> "Erasure (Art. 17)";
      case RESTRICTION -> "Restriction (Art. 18)";
      case PORTABILITY -> "Portability (Art. 20)";
      case OBJECTION -> scope == null ? "Objection (Art. 21)" : switch (scope) {
        case MARKETING -> "Objection to direct marketing (Art. 21(2))";
        case PROCESSING -> "Objection to processing (Art. 21(1))";
        case CONSENT -> "Withdrawal of consent (Art. 7(3))";
      };
    };
  }

  public static String of(Channel channel) {
    return switch (channel) {
      case WEB -> "web form";
      case POST -> "post";
      case PHONE -> "phone";
      case EMAIL -> "email";
      case IN_PERSON -> "in person";
    };
  }
}
