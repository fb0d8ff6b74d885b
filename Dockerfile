# A static indsigt binary in a distroless image, run as a non-root user with
# its data (embedded database and search index) on a volume.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/indsigt ./cmd/indsigt

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/indsigt /usr/local/bin/indsigt
ENV INDSIGT_DATA_DIR=/data INDSIGT_ADDR=0.0.0.0:8080
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/indsigt"]
CMD ["serve"]
