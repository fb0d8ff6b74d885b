package app

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/url"

	"indsigt/model"
)

// Inputs that the API and the web app read alike from a form: an upload's
// options and an uploaded file. They take what net/http has parsed, never
// a gin context, so that the use cases stay free of the framework.

// ParseUpload reads an upload's options from the fields sent with its
// files, by the names the web app's upload form and the API share.
func ParseUpload(v url.Values) Upload {
	return Upload{
		Kind: v.Get("kind"), Date: v.Get("date"), Place: v.Get("place"), Interviewer: v.Get("interviewer"),
		Participants: v.Get("participants"), TestID: v.Get("test_id"),
		TextColumn: v.Get("text_column"), ParticipantColumn: v.Get("participant_column"),
		DateColumn: v.Get("date_column"), Sheet: v.Get("sheet"),
	}
}

// ReadUploaded reads the uploaded file of the form field "file", of at
// most limit bytes. A larger one is a field error on "file", whatever size
// its part claims; failing to read the spooled part is the server's fault.
func ReadUploaded(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, tooLarge(limit)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("app: open upload: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("app: read upload: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(limit)
	}
	return b, nil
}

// ImportUploadedQDPX imports the REFI-QDA project file uploaded in the
// form field "file", of at most MaxQDPXBytes.
func (a *App) ImportUploadedQDPX(ctx context.Context, s Scope, fh *multipart.FileHeader) (QDPXImport, error) {
	data, err := ReadUploaded(fh, MaxQDPXBytes)
	if err != nil {
		return QDPXImport{}, err
	}
	return a.ImportQDPX(ctx, s, data)
}

func tooLarge(limit int64) error {
	return model.Invalid("file", model.RuleRange, "the file is larger than %d bytes", limit)
}
