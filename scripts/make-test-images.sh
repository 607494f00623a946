#!/usr/bin/env bash
# Builds berth's test images from Debian's busybox-static, offline and deterministically.
#
#   scripts/make-test-images.sh OUTDIR
#
# Writes into OUTDIR:
#   busybox-rootfs.tar   a plain rootfs tar ("./bin/busybox", ...) for `import`
#   busybox-docker.tar   a `docker save` style archive (manifest.json, <config>.json, <layer>.tar,
#                        repositories) holding two images:
#                          busybox:latest    one layer: the rootfs
#                          berth-test/app:1  the rootfs + a layer that deletes /etc/motd with a
#                                            whiteout, makes /opt/data opaque, adds /app/hello.txt
#   busybox-oci.tar      an OCI image-layout archive (oci-layout, index.json, blobs/sha256/...)
#                        with the same two images; its base layer blob is gzip-compressed
#   IDS                  the image ids and diff ids, for tests to compare against
#
# The rootfs has bin/busybox with every applet symlinked to it, /etc/passwd (root, app 1000,
# nobody 65534), /etc/group, /tmp (1777), /root, /home/app, /etc/motd and /opt/data/{old1,old2}.
# Every mtime is fixed (SOURCE_DATE_EPOCH, default 2024-01-01), so the same busybox binary always
# gives the same digests. Runs as root (ownership), needs no network, and is idempotent.
set -euo pipefail

OUT="${1:?usage: $0 OUTDIR}"
BUSYBOX="${BUSYBOX:-/bin/busybox}"
EPOCH="${SOURCE_DATE_EPOCH:-1704067200}"

[[ -x "$BUSYBOX" ]] || { echo "make-test-images: $BUSYBOX not found (apt-get install busybox-static)" >&2; exit 1; }
[[ "$(id -u)" -eq 0 ]] || { echo "make-test-images: run as root (the rootfs has files owned by uid 1000)" >&2; exit 1; }

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d "$OUT/.work.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------- rootfs
ROOTFS="$WORK/rootfs"
mkdir -p "$ROOTFS"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,home/app,opt/data,proc,sys,dev}
install -m 0755 "$BUSYBOX" "$ROOTFS/bin/busybox"
# `--install -s` links every applet to /bin/busybox at its --list-full path (one exec, no fork
# per applet); it runs chrooted so the links land in the rootfs.
chroot "$ROOTFS" /bin/busybox --install -s
[[ -L "$ROOTFS/bin/sh" ]] || ln -sfn /bin/busybox "$ROOTFS/bin/sh"

cat >"$ROOTFS/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ROOTFS/etc/group" <<'EOF'
root:x:0:
app:x:1000:
nogroup:x:65534:
EOF
echo "welcome to the berth test image" >"$ROOTFS/etc/motd"
echo old1 >"$ROOTFS/opt/data/old1"
echo old2 >"$ROOTFS/opt/data/old2"
chmod 0644 "$ROOTFS/etc/passwd" "$ROOTFS/etc/group" "$ROOTFS/etc/motd" "$ROOTFS/opt/data/old1" "$ROOTFS/opt/data/old2"
chmod 1777 "$ROOTFS/tmp"
chmod 0700 "$ROOTFS/root"
chmod 0755 "$ROOTFS"/{bin,sbin,usr,usr/bin,usr/sbin,etc,home,opt,opt/data,proc,sys,dev}
chown -R 0:0 "$ROOTFS"
chown 1000:1000 "$ROOTFS/home/app"
chmod 0755 "$ROOTFS/home/app"

# The second layer of berth-test/app:1, in tar form (whiteouts are plain empty files).
LAYER2="$WORK/layer2"
mkdir -p "$LAYER2"/{etc,opt/data,app}
: >"$LAYER2/etc/.wh.motd"
: >"$LAYER2/opt/data/.wh..wh..opq"
echo new >"$LAYER2/opt/data/new"
echo "hello from the app layer" >"$LAYER2/app/hello.txt"
chmod 0644 "$LAYER2/etc/.wh.motd" "$LAYER2/opt/data/.wh..wh..opq" "$LAYER2/opt/data/new" "$LAYER2/app/hello.txt"
chmod 0755 "$LAYER2"/{etc,opt,opt/data,app}
chown -R 0:0 "$LAYER2"
chown -R 1000:1000 "$LAYER2/app"

find "$ROOTFS" "$LAYER2" -exec touch -h -d "@$EPOCH" {} +

# The import tar, as `tar -C rootfs -cf - .` makes it ("./" prefixes).
tar --sort=name --format=gnu --numeric-owner --mtime="@$EPOCH" \
  -C "$ROOTFS" -cf "$WORK/busybox-rootfs.tar" .

# ---------------------------------------------------------------- archives
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"
case "$ARCH" in x86_64) ARCH=amd64 ;; aarch64) ARCH=arm64 ;; esac

python3 - "$WORK" "$ROOTFS" "$LAYER2" "$EPOCH" "$ARCH" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile

work, rootfs, layer2, epoch, arch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
created = "2024-01-01T00:00:00Z"

def sha(data): return hashlib.sha256(data).hexdigest()

def layer_tar(root):
    """An uncompressed layer tar of root: relative names, sorted, numeric owners, fixed mtimes."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(dirnames + filenames):
                full = os.path.join(dirpath, name)
                info = tar.gettarinfo(full, arcname=os.path.relpath(full, root))
                info.uname = info.gname = ""
                info.mtime = epoch
                if info.isreg():
                    with open(full, "rb") as f: tar.addfile(info, f)
                else:
                    tar.addfile(info)
    return buf.getvalue()

def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=6) as f: f.write(data)
    return buf.getvalue()

def canonical(obj): return json.dumps(obj, separators=(",", ":"), sort_keys=True).encode()

PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
base = layer_tar(rootfs)
app = layer_tar(layer2)
base_diff, app_diff = "sha256:" + sha(base), "sha256:" + sha(app)

busybox_config = canonical({
    "architecture": arch, "os": "linux", "created": created,
    "config": {"Env": [PATH], "Cmd": ["sh"], "WorkingDir": "/"},
    "rootfs": {"type": "layers", "diff_ids": [base_diff]},
    "history": [{"created": created, "created_by": "make-test-images.sh: busybox rootfs"}],
})
app_config = canonical({
    "architecture": arch, "os": "linux", "created": created,
    "config": {
        "User": "app", "Env": [PATH, "FOO=bar"],
        "Entrypoint": ["/bin/sh", "-c"], "Cmd": ["echo from-image"], "WorkingDir": "/app",
        "ExposedPorts": {"8080/tcp": {}}, "Volumes": {"/data": {}},
        "Labels": {"org.berth.test": "app", "maintainer": "berth"},
        "StopSignal": "SIGUSR1",
        "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 30000000000, "Retries": 3},
    },
    "rootfs": {"type": "layers", "diff_ids": [base_diff, app_diff]},
    "history": [
        {"created": created, "created_by": "make-test-images.sh: busybox rootfs"},
        {"created": created, "created_by": "make-test-images.sh: app layer (whiteout, opaque dir)"},
    ],
})
images = [("busybox:latest", busybox_config, [base]), ("berth-test/app:1", app_config, [base, app])]

def write_archive(path, files):
    """files: list of (name, bytes); written as a deterministic tar."""
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as tar:
        dirs = set()
        for name, _ in files:
            parts = name.split("/")[:-1]
            for i in range(1, len(parts) + 1): dirs.add("/".join(parts[:i]))
        for d in sorted(dirs):
            info = tarfile.TarInfo(d); info.type = tarfile.DIRTYPE; info.mode = 0o755; info.mtime = epoch
            tar.addfile(info)
        for name, data in files:
            info = tarfile.TarInfo(name); info.size = len(data); info.mode = 0o644; info.mtime = epoch
            tar.addfile(info, io.BytesIO(data))

# docker-archive, as `docker save` / skopeo write it.
files, manifest, repositories, seen = [], [], {}, set()
for tag, config, layers in images:
    files.append((sha(config) + ".json", config))
    names = []
    for layer in layers:
        name = sha(layer) + ".tar"
        if name not in seen: files.append((name, layer)); seen.add(name)
        names.append(name)
    manifest.append({"Config": sha(config) + ".json", "RepoTags": [tag], "Layers": names})
    repo, t = tag.rsplit(":", 1)
    repositories.setdefault(repo, {})[t] = sha(layers[-1])
files.append(("manifest.json", json.dumps(manifest).encode()))
files.append(("repositories", json.dumps(repositories).encode()))
write_archive(os.path.join(work, "busybox-docker.tar"), files)

# OCI image layout; the base layer is gzip-compressed here to exercise decompression.
blobs, index = {}, []
def blob(data):
    blobs["blobs/sha256/" + sha(data)] = data
    return "sha256:" + sha(data)
for tag, config, layers in images:
    descs = []
    for i, layer in enumerate(layers):
        data, media = (gz(layer), "application/vnd.oci.image.layer.v1.tar+gzip") if i == 0 \
            else (layer, "application/vnd.oci.image.layer.v1.tar")
        descs.append({"mediaType": media, "digest": blob(data), "size": len(data)})
    m = canonical({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": blob(config), "size": len(config)},
        "layers": descs,
    })
    # busybox is annotated as `docker save` (v25+) does, the app image as podman/skopeo do.
    annotations = {"io.containerd.image.name": "docker.io/library/busybox:latest",
                   "org.opencontainers.image.ref.name": "latest"} if tag == "busybox:latest" \
        else {"org.opencontainers.image.ref.name": tag}
    index.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": blob(m),
                  "size": len(m), "annotations": annotations})
oci = [("oci-layout", canonical({"imageLayoutVersion": "1.0.0"})),
       ("index.json", canonical({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": index}))]
oci += sorted(blobs.items())
write_archive(os.path.join(work, "busybox-oci.tar"), oci)

with open(os.path.join(work, "IDS"), "w") as f:
    f.write(f"busybox:latest sha256:{sha(busybox_config)}\n")
    f.write(f"berth-test/app:1 sha256:{sha(app_config)}\n")
    f.write(f"base-diff-id {base_diff}\n")
    f.write(f"app-diff-id {app_diff}\n")
PY

# A cross-check against a real implementation of both formats, when skopeo is installed.
if command -v skopeo >/dev/null 2>&1; then
  skopeo inspect --config "docker-archive:$WORK/busybox-docker.tar:berth-test/app:1" >/dev/null
  skopeo inspect --config "oci-archive:$WORK/busybox-oci.tar:berth-test/app:1" >/dev/null
fi

for f in busybox-rootfs.tar busybox-docker.tar busybox-oci.tar IDS; do
  mv -f "$WORK/$f" "$OUT/$f"
done
echo "make-test-images: wrote $OUT/{busybox-rootfs.tar,busybox-docker.tar,busybox-oci.tar,IDS}"
