package io.gilder.build;

/** Knows which EC2 instance types exist in this region. */
public interface InstanceTypeCatalog {

    /**
     * @return whether EC2 offers {@code instanceType} here; false for unknown names
     * @throws io.gilder.error.GilderException when the look-up itself fails
     */
    boolean exists(String instanceType);
}
