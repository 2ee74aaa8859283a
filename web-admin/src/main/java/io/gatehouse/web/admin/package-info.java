/**
 * The reviewers' Jakarta Faces app at {@code /admin}: backing beans ({@code @Named @ViewScoped})
 * and the facades they call. Facades talk to the control plane's application services and hand the
 * pages small serializable rows and forms, never entities. Who may open which page is declared in
 * web.xml; the facades check the role again before they change anything.
 *
 * <p>Not here yet: the review inbox (approve/reject). The review services are being built
 * separately; docs/ADMIN-UI.md describes the gap.
 */
package io.gatehouse.web.admin;
