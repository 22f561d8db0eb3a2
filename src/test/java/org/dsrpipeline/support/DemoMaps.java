package org.dsrpipeline.support;

import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.DataMapLoader;

/** The demo data map as the plain connector tests use it: jdbc stores in {@link StoreDatabase}. */
public final class DemoMaps {

  private DemoMaps() {
  }

  /** {@code publicBaseUrl}: where the helpdesk and CRM answer under /demo/helpdesk and /demo/crm. */
  public static DataMap demo(String publicBaseUrl) {
    return demo(publicBaseUrl, StoreDatabase.connection());
  }

  /** With the jdbc stores in the database of {@code connection}: {url, username, password}. */
  public static DataMap demo(String publicBaseUrl, String[] connection) {
    var lookup = new HashMap<String, String>();
    lookup.put("dsr.stores.url", connection[0]);
    lookup.put("dsr.stores.username", connection[1]);
    lookup.put("dsr.stores.password", connection[2]);
    lookup.put("DSR_PUBLIC_BASE_URL", publicBaseUrl);
    try (var reader = new InputStreamReader(DemoMaps.class.getResourceAsStream("/datamap/demo-datamap.yaml"),
        StandardCharsets.UTF_8)) {
      return new DataMapLoader(lookup::get).load("demo-datamap.yaml", reader);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
