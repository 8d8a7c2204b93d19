/**
 * The console: the pages marketers, CRM specialists, support and admins use in a browser. Static ES modules under
 * {@code /console}, each page's data from named GraphQL documents kept with it ({@code /console/graphql}), run with
 * the signed-in user's token: the console can do nothing the API would not let that user do. This module serves
 * the pages and their security headers; it has no API of its own.
 */
package io.membergraph.console;
