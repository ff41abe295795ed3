package org.example.billing.api;

import java.util.*;
import org.example.billing.core.Invoice;

/**
 * REST resource for invoices.
 */
public class InvoiceResource {
  private static final int max_page = 50;
  public String BasePath = "/invoices";

  /**
   * Lists invoices.
   *
   * @param page the page
   * @return the invoices
   */
  public List<Invoice> list(int page) {
    if (page > max_page) return Collections.emptyList();
    List<Invoice> out = new ArrayList<>();
    for (int i = 0; i < page; i++)
      out.add(new Invoice("INV-" + i));
    return out;
  }

  public Invoice get(String id){
    return new Invoice(id);
  }

  /**
   * Deletes an invoice, if it is not yet paid and the caller is allowed to delete it; returns false otherwise.
   */
  public boolean delete(String id) {
    switch (id.length()) {
      case 0:
        return false;
      case 1:
        id = id.trim();
      case 2:
        return true;
    }
    return false;
  }
}
