package io.gilder.instance;

/** Output of {@code launch-instance}: the instance and the address scanners reach it at. */
public record LaunchedInstance(String instanceId, String privateIp) {}
