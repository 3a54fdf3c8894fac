curl -v -X POST "https://gateway.pixazo.ai/sora-video/v1/video/i2v/generate" \
  -H "Content-Type: application/json" \
  -H "Cache-Control: no-cache" \
  -H "Ocp-Apim-Subscription-Key: YOUR_SUBSCRIPTION_KEY" \
  --data-raw '{
    "prompt": "The woman turns her head and smiles",
    "image": "https://example.com/image-1280x720.jpg"
  }'
