/** What every route shares: the error shape, JSON bodies and answers, unread-body limits, health and metrics. */
package dev.mallkit.host.http;
