package org.dsrpipeline.demo;

import java.util.List;

/**
 * DEMO: the subjects every seeding creates first, whatever its size, so that tests and demonstrations can
 * rely on them. Anna has records in every store; the others look like her on purpose (an email that
 * ends like hers, a phone that is a prefix of hers or extends it) and must never be found for her.
 */
public final class DemoSubjects {

  public record DemoSubject(long customerId, String fullName, String email, String phone, String company) {
  }

  public static final DemoSubject ANNA = new DemoSubject(1, "Anna Georgiou", "ann@example.gr", "+306912345678",
      "Georgiou Travel");
  public static final DemoSubject IOANNA = new DemoSubject(2, "Ioanna Georgiou", "joann@example.gr", "+306955501234",
      "Ioanna's Bakery");
  public static final DemoSubject ANASTASIA = new DemoSubject(3, "Anastasia Georgiadou",
      "anastasia.georgiadou@example.gr", "+30691234567", "Georgiadou Optics");
  public static final DemoSubject NIKOS = new DemoSubject(4, "Nikos Anagnostou", "ann@example.com", "+3069123456789",
      "Anagnostou Logistics");

  public static final List<DemoSubject> ALL = List.of(ANNA, IOANNA, ANASTASIA, NIKOS);

  /** Anna's cookie, first seen before she logged in: only the identity graph finds those early events. */
  public static final String ANNA_COOKIE = "ck-anna-0001";
  /** A cookie of Anna's other browser, never linked to her account: not hers as far as any store can tell. */
  public static final String UNLINKED_COOKIE = "ck-anna-0002";

  /** The business customers that sent Anna's campaign messages: the controllers of those messages. */
  public static final long ANNA_SENDER_1 = 10;
  public static final long ANNA_SENDER_2 = 11;

  /** What the seeding gives Anna, per collection. */
  public static final int ANNA_INVOICES = 3;
  public static final int ANNA_INVOICES_IN_RETENTION = 2;
  public static final int ANNA_MESSAGES = 9;
  public static final int ANNA_MESSAGES_IN_RETENTION = 6;
  public static final int ANNA_NEWSLETTER = 1;
  public static final int ANNA_PREFERENCES = 2;
  public static final int ANNA_TRACKING = 5;
  public static final int ANNA_TICKETS = 3;
  public static final int ANNA_CONTACTS = 1;

  /** The smallest seeding that still has Anna's senders. */
  public static final int MIN_SUBJECTS = 20;

  private DemoSubjects() {
  }
}
