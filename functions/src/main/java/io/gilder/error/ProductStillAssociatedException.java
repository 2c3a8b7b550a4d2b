package io.gilder.error;

/** A Service Catalog product to delete is still associated with portfolios and disassociating is not allowed. */
public final class ProductStillAssociatedException extends TerminalException {

    public ProductStillAssociatedException(String message) {
        super(message);
    }
}
