package ui

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/auth"
)

// Sign-in through the municipality's identity provider (auth.OIDC): the
// login page links to /auth/oidc/start, which sends the browser to the
// provider; the provider sends it back to /auth/oidc/callback.
//
// The start is a GET link, not a form: the CSP's form-action 'self' (rightly)
// stops a form whose answer redirects to another origin. Starting a flow
// changes nothing but a short-lived cookie in the browser that asked; a
// forged start only leads a person to their own provider's login page, and
// the callback is bound to the cookie by the state.

const oidcCookie = "indsigt_oidc"

// oidcCookieName has the __Secure- prefix behind https (__Host- needs
// Path=/, and this cookie is sent only to /auth/oidc/).
func (h *handlers) oidcCookieName() string {
	if h.secure {
		return "__Secure-" + oidcCookie
	}
	return oidcCookie
}

// oidcRoutes adds the two routes when an identity provider is configured.
func (h *handlers) oidcRoutes(g *gin.RouterGroup) {
	if h.OIDC == nil {
		return
	}
	g.GET("/auth/oidc/start", h.oidcStart)
	g.GET("/auth/oidc/callback", h.oidcCallback)
}

func (h *handlers) oidcStart(c *gin.Context) {
	to, flow := h.OIDC.Start(localPath(c.Query("next"), "/"))
	http.SetCookie(c.Writer, &http.Cookie{Name: h.oidcCookieName(), Value: flow, Path: "/auth/oidc/", MaxAge: int(h.OIDC.FlowTTL().Seconds()),
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode}) // Lax: the provider's redirect back is a top-level GET
	c.Redirect(http.StatusSeeOther, to)
}

func (h *handlers) oidcCallback(c *gin.Context) {
	flow, _ := c.Cookie(h.oidcCookieName())
	http.SetCookie(c.Writer, &http.Cookie{Name: h.oidcCookieName(), Value: "", Path: "/auth/oidc/", MaxAge: -1,
		HttpOnly: true, Secure: h.secure, SameSite: http.SameSiteLaxMode}) // one use only
	if e := c.Query("error"); e != "" {
		h.Log.Info("ui: identity provider refused sign-in", "error", e)
		h.showLogin(c, http.StatusUnauthorized, loginView{OIDCFailed: true})
		return
	}
	u, next, err := h.OIDC.Finish(c.Request.Context(), flow, c.Query("state"), c.Query("code"))
	switch {
	case errors.Is(err, auth.ErrDisabled):
		h.showLogin(c, http.StatusForbidden, loginView{Disabled: true})
		return
	case err != nil:
		h.Log.Warn("ui: identity provider sign-in refused", "err", err)
		h.showLogin(c, http.StatusUnauthorized, loginView{OIDCFailed: true})
		return
	}
	h.signIn(c, u, localPath(next, "/"))
}
