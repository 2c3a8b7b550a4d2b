package io.gilder.error;

/** The Service Catalog product template is missing or unusable (no image placeholder): fix it, then re-run. */
public final class ProductTemplateException extends TerminalException {

    public ProductTemplateException(String message) {
        super(message);
    }
}
