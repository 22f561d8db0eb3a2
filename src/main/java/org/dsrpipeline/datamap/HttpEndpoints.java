package org.dsrpipeline.datamap;

import java.util.List;

/**
 * The calls an http collection answers. Each {@code search} template carries one identity placeholder
 * ({@code {email}}, {@code {phone}}, ...); {@code export}, {@code update} and {@code delete} address one
 * record by {@code {id}}. Optional ones are null.
 */
public record HttpEndpoints(List<UrlTemplate> search, UrlTemplate export, UrlTemplate update, UrlTemplate delete) {

  public HttpEndpoints {
    search = List.copyOf(search);
  }
}
