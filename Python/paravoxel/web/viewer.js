// The web figure's viewer (paravoxel.web.page inlines it, with three.js, into one HTML file):
// draws the GLB the page carries as ParaView drew it (the camera, the colours as they are on
// screen, ambient + diffuse lighting with ParaView's lights), turns it with the mouse, and for an
// atlas names the region under the pointer by casting a ray into the meshes.
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';

const config = JSON.parse(document.getElementById('paravoxel-config').textContent);

function decodeBase64(text) {
  if (Uint8Array.fromBase64) {
    return Uint8Array.fromBase64(text.trim());
  }
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

// The GLB's JSON and binary chunks.
function readGlb(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength)));
  const binaryStart = 20 + jsonLength + 8;
  return { json, binary: bytes.subarray(binaryStart) };
}

const COMPONENTS = { SCALAR: 1, VEC3: 3, VEC4: 4 };
const TYPED = { 5121: Uint8Array, 5122: Int16Array, 5123: Uint16Array, 5125: Uint32Array };

// The typed array of one accessor, with the number of elements a vertex's slot holds (the
// bufferView's stride, e.g. 4 int16 for a padded 3-component position).
function accessorArray(gltf, binary, index) {
  const accessor = gltf.accessors[index];
  const bufferView = gltf.bufferViews[accessor.bufferView];
  const Typed = TYPED[accessor.componentType];
  const components = COMPONENTS[accessor.type];
  const slot = bufferView.byteStride ? bufferView.byteStride / Typed.BYTES_PER_ELEMENT : components;
  const start = binary.byteOffset + (bufferView.byteOffset || 0) + (accessor.byteOffset || 0);
  const array = new Typed(binary.buffer, start, accessor.count * slot);
  return { array, components, slot, normalized: !!accessor.normalized };
}

// glTF colours are linear; ParaView lights the screen's sRGB colours, so the page does too.
const LINEAR_TO_SRGB = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  const srgb = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  LINEAR_TO_SRGB[i] = Math.round(255 * srgb);
}

// VTK's lighting: colour x (ambient + diffuse x sum of lights' cos). three.js's Lambert material
// divides by pi what the lights give, and adds ambient and direct light with weight one: its
// lights get pi, and each material weighs them with its display's coefficients.
function vtkLambert(ambient, diffuse, parameters) {
  const material = new THREE.MeshLambertMaterial(parameters);
  material.onBeforeCompile = (shader) => {
    shader.uniforms.vtkAmbient = { value: ambient };
    shader.uniforms.vtkDiffuse = { value: diffuse };
    shader.fragmentShader = 'uniform float vtkAmbient;\nuniform float vtkDiffuse;\n' +
      shader.fragmentShader.replace(
        'vec3 outgoingLight = reflectedLight.directDiffuse + reflectedLight.indirectDiffuse',
        'vec3 outgoingLight = vtkDiffuse * reflectedLight.directDiffuse + ' +
          'vtkAmbient * reflectedLight.indirectDiffuse');
  };
  return material;
}

function buildMesh(gltf, binary, node) {
  const mesh = gltf.meshes[node.mesh];
  const primitive = mesh.primitives[0];
  const geometry = new THREE.BufferGeometry();
  const position = accessorArray(gltf, binary, primitive.attributes.POSITION);
  const interleaved = new THREE.InterleavedBuffer(position.array, position.slot);
  geometry.setAttribute('position', new THREE.InterleavedBufferAttribute(interleaved, 3, 0));
  const color = accessorArray(gltf, binary, primitive.attributes.COLOR_0);
  const srgb = new Uint8Array(color.array.length);
  for (let i = 0; i < srgb.length; i++) {
    srgb[i] = (i & 3) === 3 ? color.array[i] : LINEAR_TO_SRGB[color.array[i]];
  }
  geometry.setAttribute('color', new THREE.BufferAttribute(srgb, 4, true));
  geometry.setIndex(new THREE.BufferAttribute(accessorArray(gltf, binary, primitive.indices).array, 1));
  const material = gltf.materials[primitive.material];
  const translucent = material.alphaMode === 'BLEND';
  const extras = mesh.extras || {};
  const object = new THREE.Mesh(geometry, vtkLambert(extras.ambient ?? 1, extras.diffuse ?? 0, {
    vertexColors: true,
    flatShading: true,
    transparent: translucent,
    // As VTK draws translucent surfaces without depth peeling: tested against depth, not
    // writing it (so no translucent face hides another).
    depthWrite: !translucent,
    side: material.doubleSided ? THREE.DoubleSide : THREE.FrontSide,
  }));
  object.name = mesh.name;
  object.userData.region = !!extras.region;
  object.position.fromArray(node.translation);
  object.scale.fromArray(node.scale);
  return object;
}

THREE.ColorManagement.enabled = false;
const { json: gltf, binary } = readGlb(decodeBase64(document.getElementById('paravoxel-glb').textContent));
const scene = new THREE.Scene();
scene.background = new THREE.Color().fromArray(config.background);
const rootNode = gltf.nodes[gltf.scenes[0].nodes[0]];
const root = new THREE.Group();
root.name = rootNode.name;
root.scale.fromArray(rootNode.scale);
for (const child of rootNode.children) {
  root.add(buildMesh(gltf, binary, gltf.nodes[child]));
}
scene.add(root);

// The camera: the GLB's (in metres), aimed at ParaView's focal point.
const cameraNode = gltf.nodes[gltf.scenes[0].nodes[1]];
const cameraSpec = gltf.cameras[cameraNode.camera];
let camera;
if (cameraSpec.type === 'perspective') {
  const p = cameraSpec.perspective;
  camera = new THREE.PerspectiveCamera(p.yfov * 180 / Math.PI, window.innerWidth / window.innerHeight,
    p.znear, p.zfar);
} else {
  const o = cameraSpec.orthographic;
  const aspect = window.innerWidth / window.innerHeight;
  camera = new THREE.OrthographicCamera(-o.ymag * aspect, o.ymag * aspect, o.ymag, -o.ymag,
    o.znear, o.zfar);
}
camera.position.fromArray(cameraNode.translation);
camera.quaternion.fromArray(cameraNode.rotation);
// The orbit controls turn about the camera's up: ParaView's view-up, not three.js's +y.
camera.up.set(0, 1, 0).applyQuaternion(camera.quaternion);
scene.add(camera);

// ParaView's lights: those that follow the camera ride on it.
scene.add(new THREE.AmbientLight(0xffffff, Math.PI));
for (const spec of config.lights) {
  const light = new THREE.DirectionalLight(new THREE.Color().fromArray(spec.color), Math.PI);
  const holder = spec.follows_camera ? camera : scene;
  light.position.fromArray(spec.direction).multiplyScalar(-1);
  light.target.position.set(0, 0, 0);
  holder.add(light);
  holder.add(light.target);
}

const canvas = document.getElementById('paravoxel-canvas');
const renderer = new THREE.WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: true });
renderer.outputColorSpace = THREE.LinearSRGBColorSpace;
renderer.setPixelRatio(window.devicePixelRatio);
renderer.setSize(window.innerWidth, window.innerHeight);

const controls = new OrbitControls(camera, canvas);
controls.target.fromArray(cameraSpec.extras.focalPoint);
controls.update();

// Near and far planes around what is shown, as VTK resets its clipping range each render.
const bounds = new THREE.Box3().setFromObject(root);
const sphere = bounds.getBoundingSphere(new THREE.Sphere());
function render() {
  const distance = camera.position.distanceTo(sphere.center);
  camera.near = Math.max(distance - sphere.radius * 1.01, sphere.radius * 1e-3);
  camera.far = distance + sphere.radius * 1.01;
  camera.updateProjectionMatrix();
  renderer.render(scene, camera);
}

let pending = false;
function requestRender() {
  if (!pending) {
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  }
}
controls.addEventListener('change', requestRender);
window.addEventListener('resize', () => {
  renderer.setSize(window.innerWidth, window.innerHeight);
  const aspect = window.innerWidth / window.innerHeight;
  if (camera.isPerspectiveCamera) {
    camera.aspect = aspect;
  } else {
    camera.left = camera.bottom * aspect;
    camera.right = camera.top * aspect;
  }
  requestRender();
});

// The region under the pointer, for atlases: a ray from the camera through the pointer, the
// nearest region mesh it meets.
const nameBox = document.getElementById('paravoxel-name');
const regions = root.children.filter((object) => object.userData.region);
const raycaster = new THREE.Raycaster();
let pointer = null;
function nameUnderPointer() {
  if (!pointer) {
    return;
  }
  const { x, y } = pointer;
  pointer = null;
  raycaster.setFromCamera(new THREE.Vector2(2 * x / window.innerWidth - 1,
    1 - 2 * y / window.innerHeight), camera);
  const hit = raycaster.intersectObjects(regions, false)[0];
  nameBox.textContent = hit ? hit.object.name : '';
  nameBox.style.display = hit ? 'block' : 'none';
  nameBox.style.left = (x + 14) + 'px';
  nameBox.style.top = (y + 14) + 'px';
}
if (regions.length) {
  canvas.addEventListener('pointermove', (event) => {
    const pending = pointer;
    pointer = { x: event.clientX, y: event.clientY };
    if (!pending) {
      requestAnimationFrame(nameUnderPointer);
    }
  });
  canvas.addEventListener('pointerleave', () => {
    pointer = null;
    nameBox.style.display = 'none';
  });
}

// For measurements (docs/user/publishing.md): frames per second over `frames` frames while the
// figure turns about its focal point.
window.paravoxelFigure = {
  measureFrameRate(frames) {
    return new Promise((resolve) => {
      let drawn = 0;
      const start = performance.now();
      const step = () => {
        controls.autoRotate = true;
        controls.update(1 / 60);
        render();
        renderer.getContext().finish();
        if (++drawn < frames) {
          requestAnimationFrame(step);
        } else {
          resolve(1000 * frames / (performance.now() - start));
        }
      };
      requestAnimationFrame(step);
    });
  },
};

render();
// The first frame is drawn: what the tests wait for, and when (ms after the page began loading).
document.body.dataset.firstFrameMs = String(performance.now());
document.body.dataset.frames = '1';
