package io.gilder.scan;

/** A user name and password for HTTP Basic authentication. {@link #toString()} never shows the password. */
public record BasicCredentials(String username, String password) {

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=****]";
    }
}
