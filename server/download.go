package server

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"indsigt/app"
)

// Download answers an export built by app.Export, the same way for the API
// and the web app: a printable HTML report inline with a policy that
// allows its own style, anything else as an attachment; never cached.
func Download(c *gin.Context, e app.Export) {
	disposition := "attachment"
	if e.Printable {
		disposition = "inline"
		c.Header("Content-Security-Policy", "default-src 'none'; style-src "+e.StyleHash+"; img-src data:; frame-ancestors 'none'")
	}
	c.Header("Content-Disposition", fmt.Sprintf(`%s; filename="%s"`, disposition, e.Filename))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, e.ContentType, e.Body)
}
