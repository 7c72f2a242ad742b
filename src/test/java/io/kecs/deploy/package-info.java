/** Tests of the install artefacts under deploy/: Kubernetes manifests and the container image. */
package io.kecs.deploy;
