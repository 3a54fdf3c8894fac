/**
 * The operator's API ({@code Authorization: Bearer <admin token>}): {@link
 * io.reelgate.client.admin.AdminService} with its answers.
 */
package io.reelgate.client.admin;
