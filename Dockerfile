# policyexport in a FROM scratch image: the static binary and nothing else
# (it needs no TMPDIR, no /etc and no fonts on disk), run as a non-root user.
#
#   docker build --build-arg VERSION=0.1.0 -t ghcr.io/policyexport/policyexport:0.1.0 .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" ghcr.io/policyexport/policyexport:0.1.0 batch --out public sites.yaml
#
# (--user: a bind mount keeps its host owner, whom user 65532 cannot write
# as.)
#
# Reproducible: the binary is built with -trimpath and no build id, and
# with BuildKit the image's timestamps come from SOURCE_DATE_EPOCH:
#
#   docker buildx build --build-arg VERSION=0.1.0 \
#     --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) \
#     --output type=image,name=ghcr.io/policyexport/policyexport:0.1.0,rewrite-timestamp=true .
#
# At run time, -e SOURCE_DATE_EPOCH sets the PDF date as it does anywhere.

ARG GO_VERSION=1.26
FROM golang:${GO_VERSION} AS build
# The version written into every output ("policyexport version").
ARG VERSION=0.1.0
ARG SOURCE_DATE_EPOCH
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -buildid= -X github.com/policyexport/policyexport/internal/version.release=${VERSION}" \
      -o /out/policyexport ./cmd/policyexport \
 && mkdir -p /out/work

FROM scratch
COPY --from=build /out/policyexport /policyexport
# The working directory: mount the templates, values and manifests here.
COPY --from=build --chown=65532:65532 /out/work /work
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/policyexport"]
