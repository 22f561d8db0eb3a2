package org.dsrpipeline.datamap;

/**
 * Where the data map finds how to reach each controller customer (the processor role, Art. 28(3)(e)): the values of a
 * processor collection's {@code controller-field} are the {@code key} of {@code collection} in the jdbc
 * {@code store}, whose fields {@code email}, {@code name} and, optionally, {@code language} hold the customer's
 * privacy contact, business name and language ({@code en} or {@code el}; else {@code defaultLanguage}).
 */
public record ControllerContacts(String store, String collection, String key, String email, String name,
    String language, String defaultLanguage) {
}
